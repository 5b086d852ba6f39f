package example.research;

import dev.langchain4j.model.openai.OpenAiChatModel;

/** Asks a hosted model for a summary. */
public class Chat {
    public static void main(String[] args) {
        OpenAiChatModel model = OpenAiChatModel.builder()
            .apiKey(System.getenv("OPENAI_API_KEY"))
            .modelName("gpt-4o")
            .build();
        System.out.println(model.generate("Summarise the results"));
    }
}
