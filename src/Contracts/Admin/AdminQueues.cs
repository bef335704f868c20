namespace IceFarm.Contracts.Admin;

/// <summary>The ReservationService queue that takes operators' commands; it records each as an event naming the admin.</summary>
public static class AdminQueues
{
    /// <summary>Queue name of the ReservationService's admin endpoint.</summary>
    public const string ReservationService = "reservation-service-admin";

    /// <summary>Short address of that queue for <c>GetSendEndpoint</c>.</summary>
    public static Uri ReservationServiceAddress { get; } = new($"queue:{ReservationService}");
}
