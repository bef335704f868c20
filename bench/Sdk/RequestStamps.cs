namespace IceFarm.Bench.Sdk;

/// <summary>
/// One evaluation upload as the service handles it: when its pipeline started and the Postgres commands it ran,
/// carried in an <see cref="AsyncLocal{T}"/> so the bus observer and the database listener find it in the request's flow.
/// </summary>
internal sealed class RequestStamps
{
    private static readonly AsyncLocal<RequestStamps?> CurrentRequest = new();
    private readonly Lock _gate = new();

    public static RequestStamps? Current
    {
        get => CurrentRequest.Value;
        set => CurrentRequest.Value = value;
    }

    public long Start { get; init; }

    public int DbCommands { get; private set; }

    public double DbMs { get; private set; }

    public void AddDb(double ms)
    {
        lock (_gate)
        {
            DbCommands++;
            DbMs += ms;
        }
    }
}
