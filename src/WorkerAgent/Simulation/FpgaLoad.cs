using IceFarm.Contracts.Bitstreams;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>What the simulated FPGA holds after a CRAM load.</summary>
/// <param name="Configured">False when the bitstream failed validation: the real FPGA would stay unconfigured.</param>
/// <param name="Design">The design the bitstream carries, when it carries one.</param>
/// <param name="FrequencyHz">Edges per second on the counter pin (from the design, or from the bitstream's hash).</param>
/// <param name="Seed">Seed derived from the bitstream's bytes, for noise that is stable per bitstream.</param>
internal sealed record FpgaLoad(bool Configured, CircuitDesign? Design, double FrequencyHz, int Seed);
