namespace IceFarm.Client.Evaluation;

/// <summary>A bitstream to evaluate, with your label for it (sent as the part's file name).</summary>
/// <param name="Label">Your name for it; results carry it back.</param>
/// <param name="Bytes">The 104,090-byte iCE40UP5K bitstream.</param>
public sealed record Bitstream(string Label, ReadOnlyMemory<byte> Bytes);
