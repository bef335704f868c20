using IceFarm.Contracts.Bitstreams;

namespace IceFarm.Client.Evaluation;

/// <summary>A bitstream to evaluate, with your label for it (sent as the part's file name).</summary>
/// <param name="Label">Your name for it; results carry it back.</param>
/// <param name="Bytes">The 104,090-byte iCE40UP5K bitstream.</param>
public sealed record Bitstream(string Label, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>Reads a bitstream file; its file name becomes the label.</summary>
    public static async Task<Bitstream> FromFileAsync(string path, CancellationToken ct = default) =>
        new(Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct));

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when the bytes are not a well-formed UP5K bitstream.</summary>
    /// <remarks>Checked before upload so a bad file fails at once, locally, instead of after a round trip.</remarks>
    public void Validate()
    {
        var validation = BitstreamValidator.Validate(Bytes.Span);
        if (!validation.IsValid)
        {
            throw new ArgumentException($"Bitstream '{Label}' is not valid: {validation.Error}");
        }
    }
}
