using System.Diagnostics.CodeAnalysis;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Maps reservation kinds (bus vocabulary) to firmware images and to the USB identity each image enumerates with.</summary>
internal static class FirmwareKinds
{
    /// <summary>Reservation kind served by <see cref="FirmwareKind.PulseCount"/>.</summary>
    public const string PulseCount = "pulsecount";

    /// <summary>Reservation kind served by <see cref="FirmwareKind.Variance"/>.</summary>
    public const string Variance = "variance";

    /// <summary>Every reservation kind this worker knows how to load.</summary>
    public static IReadOnlyList<string> ReservationKinds { get; } = [PulseCount, Variance];

    /// <summary>The firmware that serves a reservation kind; false for kinds no firmware exists for.</summary>
    public static bool TryFromReservationKind(string? kind, [NotNullWhen(true)] out FirmwareKind? firmware)
    {
        firmware = kind?.ToLowerInvariant() switch
        {
            PulseCount => FirmwareKind.PulseCount,
            Variance => FirmwareKind.Variance,
            _ => null,
        };
        return firmware is not null;
    }

    /// <summary>The reservation kind name of an evaluation firmware.</summary>
    public static string ReservationKindOf(FirmwareKind firmware) => firmware switch
    {
        FirmwareKind.PulseCount => PulseCount,
        FirmwareKind.Variance => Variance,
        _ => throw new ArgumentOutOfRangeException(nameof(firmware), firmware, "the default firmware serves no reservation"),
    };

    /// <summary>The USB identity a board shows once it runs <paramref name="firmware"/>.</summary>
    public static UsbIdentity IdentityOf(FirmwareKind firmware)
        => firmware == FirmwareKind.Default ? UsbIdentity.DefaultFirmware : UsbIdentity.EvaluationFirmware;
}
