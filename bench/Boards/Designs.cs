using IceFarm.Contracts.Bitstreams;

namespace IceFarm.Bench.Boards;

/// <summary>Distinct designs made by the project's generator, as an evolutionary run would submit them.</summary>
internal static class Designs
{
    /// <summary><paramref name="count"/> valid bitstreams, each a different pulse frequency (and seed).</summary>
    public static byte[][] Generate(int count) =>
        [.. Enumerable.Range(0, count).Select(i => BitstreamGenerator.Generate(new CircuitDesign(1_000 + (997.0 * i), Seed: i)))];
}
