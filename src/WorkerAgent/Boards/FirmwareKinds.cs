namespace IceFarm.WorkerAgent.Boards;

/// <summary>The evaluation kinds' names on the bus, and the USB identity each firmware image enumerates with (kinds themselves: <see cref="Kinds.KindRegistry"/>).</summary>
internal static class FirmwareKinds
{
    /// <summary>Reservation kind served by <see cref="FirmwareKind.PulseCount"/>.</summary>
    public const string PulseCount = "pulsecount";

    /// <summary>Reservation kind served by <see cref="FirmwareKind.Variance"/>.</summary>
    public const string Variance = "variance";

    /// <summary>The USB identity a board shows once it runs <paramref name="firmware"/>.</summary>
    public static UsbIdentity IdentityOf(FirmwareKind firmware)
        => firmware == FirmwareKind.Default ? UsbIdentity.DefaultFirmware : UsbIdentity.EvaluationFirmware;
}
