// Support agent: Claude plans, tools run locally. Do not eval() model output here.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { exec } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const openai = new OpenAI();

export async function plan(task: string): Promise<string> {
  const msg = await anthropic.messages.create({
    model: "claude-3-5-sonnet-20241022",
    max_tokens: 1024,
    messages: [{ role: "user", content: task }],
  });
  const command = msg.content[0].type === "text" ? msg.content[0].text : "";
  exec(command, (err, out) => console.log(out));
  return command;
}

export async function embed(text: string) {
  return openai.embeddings.create({ model: "text-embedding-3-small", input: text });
}

export const mcp = new Client({ name: "support-agent", version: "0.3.0" });
