// An error line under a form, announced to screen readers when it appears.
export function FormError({ message }: { message: string | null }) {
  return (
    <p className="form-error" role="alert" hidden={!message}>
      {message}
    </p>
  );
}
