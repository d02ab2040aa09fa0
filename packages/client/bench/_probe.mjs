import { createDdsClient } from "../dist/index.js";
import createClient from "openapi-fetch";
const answer = JSON.stringify({upgrade_results:[]});
async function stub(req){ await req.arrayBuffer(); return new Response(answer,{status:202,headers:{"Content-Type":"application/json"}}); }
const body={instance_ids:["a","b"]}; const projectId="619d3e78f61b4be68bc5aa0b59edcf7b";
const c0 = createDdsClient({ baseUrl:"https://x.invalid", projectId, auth:{token:"t"}, fetch: stub });
const bare = createClient({ baseUrl:"https://x.invalid", fetch:(r)=>stub(r), headers:{"X-Auth-Token":"t"} });
const v = {
 bare: () => bare.POST("/v3/{project_id}/instances/db-upgrade", {params:{path:{project_id:projectId}}, body}),
 client: () => c0.batchUpgradeDatabaseVersion(body),
};
const N = Number(process.argv[2]);
for (let r=0;r<8;r++) for (const [n,f] of (r%2? Object.entries(v).reverse(): Object.entries(v))) { const s=process.hrtime.bigint(); for(let i=0;i<N;i++) await f(); console.log(r,n, (Number(process.hrtime.bigint()-s)/N/1000).toFixed(1),"µs"); }
