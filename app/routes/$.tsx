// Any unknown address: a 404 inside the site layout.
import { notFound } from "~/lib/guards.server";

export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
