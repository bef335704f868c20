namespace IceFarm.Contracts.Bitstreams;

/// <summary>What a generated bitstream stands for: the pulse frequency on the counter pin and the waveform on the ADC pin.</summary>
/// <param name="FrequencyHz">Rising edges per second the circuit produces (the pulse-count firmware counts them over 1 s).</param>
/// <param name="Shape">The waveform the circuit drives onto the ADC pin.</param>
/// <param name="Amplitude">Peak-to-peak amplitude of that waveform in 12-bit ADC counts (0–4095).</param>
/// <param name="Seed">Distinguishes otherwise equal designs; also seeds noise.</param>
public sealed record CircuitDesign(double FrequencyHz, WaveShape Shape = WaveShape.Square, int Amplitude = 2000, int Seed = 0);
