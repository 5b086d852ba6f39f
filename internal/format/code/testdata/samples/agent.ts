// An agent that asks Claude first and falls back to OpenAI.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const openai = new OpenAI({ baseURL: "https://api.openai.com/v1" });

/* new OpenAI({ baseURL: "http://commented.example" }) */
const FALLBACK_MODEL = "gpt-4.1-mini";

export class Agent {
  private history: MessageParam[] = [];

  constructor(private readonly system: string) {}

  async ask(question: string): Promise<string> {
    this.history.push({ role: "user", content: question });
    try {
      const msg = await anthropic.messages.create({
        model: "claude-3-5-sonnet-20241022",
        max_tokens: 1024,
        system: this.system,
        messages: this.history,
      });
      const text = msg.content[0].type === "text" ? msg.content[0].text : "";
      return text;
    } catch (err: unknown) {
      const completion = await openai.chat.completions.create({
        model: FALLBACK_MODEL,
        messages: [{ role: "user", content: `${question}` }],
      });
      return completion.choices[0]?.message?.content ?? "";
    }
  }
}

export const schema = z.object({ answer: z.string() });
