namespace IceFarm.Contracts.Bitstreams;

/// <summary>Outcome of <see cref="BitstreamValidator.Validate"/>.</summary>
/// <param name="IsValid">Whether the bitstream passed every structural check.</param>
/// <param name="Error">The first problem found, in words a user can act on; null when valid.</param>
public sealed record BitstreamValidation(bool IsValid, string? Error)
{
    /// <summary>A passing validation.</summary>
    public static BitstreamValidation Valid { get; } = new(true, null);

    /// <summary>A failing validation with its reason.</summary>
    public static BitstreamValidation Invalid(string error) => new(false, error);
}
