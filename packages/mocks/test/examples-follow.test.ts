// Runs the README's follow example as part of this suite (it registers its own describe block).
import "../examples/follow-upgrade.js";
