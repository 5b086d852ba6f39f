package leak

// boilerplate lists phrases that system prompts and ordinary answers share. Their shingles
// extend a copied run but never count as evidence of a leak on their own. Keep entries
// generic: anything specific to one deployment belongs in Options.AllowedPhrases.
func boilerplate() []string {
	return []string{
		"You are a helpful assistant.",
		"You are a helpful, respectful and honest assistant.",
		"You are a helpful AI assistant.",
		"You are an AI assistant that helps people find information.",
		"You are ChatGPT, a large language model trained by OpenAI.",
		"Always answer as helpfully as possible, while being safe.",
		"If you don't know the answer to a question, please don't share false information.",
		"If you do not know the answer, say that you do not know.",
		"If you don't know the answer, just say that you don't know, don't try to make up an answer.",
		"Answer the question based on the context below.",
		"Use the following pieces of context to answer the question at the end.",
		"Let me know if you have any other questions.",
		"Is there anything else I can help you with?",
		"Feel free to ask if you have any questions.",
		"Please let me know if you need further assistance.",
		"How can I help you today? How can I assist you today?",
		"Let's think step by step.",
		"I hope this helps!",
	}
}
