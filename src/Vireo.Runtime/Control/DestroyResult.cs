namespace Vireo.Runtime.Control;

/// <summary>How a destroy went.</summary>
/// <param name="How">
/// <c>quit</c> (QEMU obeyed), <c>killed</c> (it had to be killed), or <c>crashed</c>
/// (it was already gone; only its state was removed).
/// </param>
/// <param name="Pid">The QEMU process id, when one had been started.</param>
public sealed record DestroyResult(string How, int? Pid);
