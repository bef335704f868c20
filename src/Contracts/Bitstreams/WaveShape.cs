namespace IceFarm.Contracts.Bitstreams;

/// <summary>The signal a generated circuit drives onto the ADC pin (what the variance firmware samples).</summary>
public enum WaveShape
{
    /// <summary>A square wave at the design's frequency.</summary>
    Square,
    /// <summary>A sine wave at the design's frequency.</summary>
    Sine,
    /// <summary>Pseudo-random noise seeded by the design.</summary>
    Noise,
}
