import { signRequest, verifyRequest } from "@dbupgrade/aksk";

const request = {
  method: "POST",
  url: "https://dds.ap-southeast-1.myhuaweicloud.com/v3/0123456789abcdef0123456789abcdef/instances/db-upgrade",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ instance_ids: ["aaa", "bbb"] }),
};
const credentials = { accessKey: "AccessKey", secretKey: "SecretKey" };

// A fixed date makes the signature reproducible; leave it out to sign with the current time.
const added = await signRequest(request, credentials, {
  date: new Date("2024-01-01T00:00:00Z"),
  projectId: "0123456789abcdef0123456789abcdef",
});
console.log(added.Authorization);
// SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-project-id;x-sdk-date, Signature=0d1f558696d63c4dfb2d79a98b6e1aec8f9ba6c341926ace223b1300f6900434

// The receiving side (the mock server, for instance) checks it with the same secret.
const result = await verifyRequest(
  { ...request, headers: { ...request.headers, ...added } },
  (accessKey) => (accessKey === credentials.accessKey ? credentials.secretKey : undefined),
  { now: new Date("2024-01-01T00:05:00Z") },
);
console.log(result); // { ok: true, accessKey: 'AccessKey' }

export { added, result };
