import { SignIn } from "@clerk/nextjs";

export function ClerkSignIn() {
  return (
    <div className="flex justify-center px-4 py-12">
      <SignIn routing="hash" />
    </div>
  );
}
