namespace IceFarm.WorkerAgent.Uf2;

/// <summary>What <see cref="Uf2Validator"/> found.</summary>
/// <param name="Errors">Hard errors: the file must not be written to a board.</param>
/// <param name="Warnings">Oddities that do not stop a flash.</param>
/// <param name="MainFamily">The family of the image's blocks, when there was one.</param>
/// <param name="BlockCount">Blocks of the main family.</param>
internal sealed record Uf2Validation(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, uint? MainFamily, int BlockCount)
{
    /// <summary>No hard errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The errors as one sentence for a reason string.</summary>
    public string Describe() => IsValid ? "valid" : string.Join("; ", Errors.Take(3)) + (Errors.Count > 3 ? $" (+{Errors.Count - 3} more)" : "");
}
