using System.ComponentModel.DataAnnotations;

namespace IceFarm.ReservationService.Devices;

/// <summary>How the service judges a board's health checks (the worker decides when to run them: Boards:HealthCheck*).</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Failed health checks in a row that hold a board as Bad until an operator returns it to service.</summary>
    [Range(1, 100)]
    public int FailuresToHold { get; set; } = 2;
}
