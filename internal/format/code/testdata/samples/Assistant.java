package com.example.assistant;

import dev.langchain4j.model.chat.ChatLanguageModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.time.Duration;

/**
 * Uses LangChain4j. The Javadoc mentions OpenAiChatModel.builder().modelName("gpt-3.5-turbo").
 */
public class Assistant {
    private static final String MODEL = "gpt-4o-mini";
    private final ChatLanguageModel model;

    public Assistant(String apiKey) {
        this.model = OpenAiChatModel.builder()
                .apiKey(apiKey)
                .baseUrl("https://api.openai.com/v1")
                .modelName(MODEL)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    public String answer(String question) {
        // model.generate("commented out");
        return model.generate(question);
    }

    public OpenAiEmbeddingModel embeddings(String apiKey) {
        return OpenAiEmbeddingModel.builder().apiKey(apiKey).modelName("text-embedding-3-small").build();
    }
}
