// An Atom document as an HTTP response.
export function atomResponse(xml: string) {
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // A feed speaks the reader's language, from the language cookie or Accept-Language.
      Vary: "Accept-Language, Cookie",
    },
  });
}
