namespace IceFarm.Contracts.Evaluations;

/// <summary>What the firmware reported about one load: transfer time and the FPGA load phases in microseconds.</summary>
/// <param name="TransferMicroseconds">From <c>Received bitstream in N us</c>.</param>
/// <param name="FlashTimesMicroseconds">init, start, open, write, close from the <c>FPGA Flash times</c> line.</param>
public sealed record BoardTelemetry(long? TransferMicroseconds, IReadOnlyList<long> FlashTimesMicroseconds);
