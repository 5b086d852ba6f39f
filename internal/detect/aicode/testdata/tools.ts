import OpenAI from "openai";
import { execSync, execFile } from "node:child_process";
import { Pool } from "pg";

const openai = new OpenAI();
const pool = new Pool();

// eval(plan) in a comment is ignored
export async function agent(task: string): Promise<void> {
  const res = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: task }],
  });
  const plan = res.choices[0].message.content ?? "";
  execSync(`bash -c "${plan}"`);
  execFile("ls", [plan]);
  await pool.query(`SELECT * FROM jobs WHERE name = '${plan}'`);
  await pool.query("SELECT * FROM jobs WHERE name = $1", [plan]);
  const f = new Function("input", plan);
  f(task);
}
