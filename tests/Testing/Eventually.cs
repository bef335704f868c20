namespace IceFarm.Testing;

/// <summary>Waits for a condition with a deadline, polling an observable state (never a fixed sleep as synchronisation).</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        T? last = null;
        while (true)
        {
            try
            {
                last = await probe(deadline.Token);
                if (last is not null)
                {
                    return last;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }
        }
    }
}
