module example.com/research

go 1.22

require (
	github.com/sashabaranov/go-openai v1.28.1
	github.com/google/uuid v1.6.0 // indirect
)
