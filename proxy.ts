import { NextResponse, type NextRequest } from "next/server";

/**
 * A path with broken percent-encoding (say `/articles/%E0%A4%A`) makes Next.js
 * fail while decoding route params and answer a bare 500. Answer it here
 * instead: the API's 400 error shape, or the 404 page for readers.
 */
export function proxy(request: NextRequest): NextResponse | undefined {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return undefined;
  } catch {
    if (request.nextUrl.pathname.startsWith("/api/")) {
      return NextResponse.json(
        { error: { code: "validation", message: "Invalid path: it is not valid percent-encoded UTF-8", fields: { path: "malformed percent-encoding" } } },
        { status: 400 },
      );
    }
    return NextResponse.rewrite(new URL("/malformed-address", request.url));
  }
}

export const config = { matcher: ["/articles/:path*", "/api/:path*", "/embed/:path*"] };
