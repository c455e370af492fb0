// "Just watch" is remembered per tab (sessionStorage), so a reload keeps watching but a
// new tab asks for a name again.

export const watchKey = (roomId: string): string => `randori.watch.${roomId}`
