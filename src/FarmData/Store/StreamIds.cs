namespace IceFarm.FarmData.Store;

/// <summary>The event stream ids of ARCHITECTURE.md §5; projections use the same ids as their documents.</summary>
internal static class StreamIds
{
    public static string Device(string serial) => $"device-{serial}";

    public static string Worker(string name) => $"worker-{name}";

    public static string Reservation(Guid id) => $"reservation-{id:N}";
}
