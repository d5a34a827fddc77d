/** The web-chat load of the http bench and of turn-rate.ts: the same connections, conversations and messages, so their figures compare. */
export const CONNECTIONS = 20;
export const CONVERSATIONS = 2000;
const MESSAGES = ['xin chào', 'làm tạm trú cần giấy tờ gì', 'còn lệ phí thì sao', 'công an phường Trưng Vương ở đâu', 'hộ chiếu bao lâu có', 'menu', 'cấp lại căn cước mất bao lâu', 'cảm ơn'];

/** Many conversations at once: request i is conversation i mod CONVERSATIONS, each walking through MESSAGES in order. */
export const webChatTurn = (i: number) => ({
  body: JSON.stringify({ sender: `bench-${i % CONVERSATIONS}`, message: MESSAGES[Math.floor(i / CONVERSATIONS) % MESSAGES.length] }),
});
