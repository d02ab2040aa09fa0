// Runs the README's vitest example as part of this suite (it registers its own describe block).
import "../examples/vitest-node.js";
