-- wrk script: POST a chat completion whose user prompt is about 4 KiB of ordinary prose.
local sentence = "Please summarise the quarterly report for the operations team and list the three main risks. "
local prompt = string.rep(sentence, 44)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-client-key"
wrk.body = '{"model":"bench","messages":[{"role":"system","content":"You are a helpful assistant for the operations team."},{"role":"user","content":"' .. prompt .. '"}]}'
