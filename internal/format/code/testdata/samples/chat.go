// Package chat answers questions with OpenAI.
package chat

import (
	"context"
	"fmt"
	"os"

	openai "github.com/sashabaranov/go-openai"
)

// Ask sends one question. openai.NewClient("in a comment") is not code.
func Ask(ctx context.Context, q string) (string, error) {
	cfg := openai.DefaultConfig(os.Getenv("OPENAI_API_KEY"))
	cfg.BaseURL = "https://api.openai.com/v1"
	client := openai.NewClientWithConfig(cfg)
	resp, err := client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: openai.GPT4o,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleUser, Content: q},
		},
	})
	if err != nil {
		return "", fmt.Errorf("chat completion: %w", err)
	}
	emb, err := client.CreateEmbeddings(ctx, openai.EmbeddingRequest{Model: openai.SmallEmbedding3, Input: []string{q}})
	_ = emb
	return resp.Choices[0].Message.Content, err
}
