using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;

namespace IceFarm.Client;

/// <summary>The lease's side of the event stream: what each event of this reservation changes.</summary>
public sealed partial class Lease
{
    private async Task PumpAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var item in _subscription.ReadAllAsync(ct))
            {
                if (item.Data.ValueKind == System.Text.Json.JsonValueKind.Object
                    && item.Data.TryGetProperty("reservationId", out var reservation) && reservation.TryGetGuid(out var id) && id == Id)
                {
                    Dispatch(item);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (FarmApiException ex)
        {
            // The token no longer works: nothing more can be heard, so waiting callers must not hang.
            _allReady.TrySetException(ex);
            OnEnded($"event stream refused: {ex.Message}");
        }
    }

    private void Dispatch(FarmEvent item)
    {
        var data = item.Data;
        string Text(string name) => data.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
        switch (item.Type)
        {
            case StreamEventTypes.Result or StreamEventTypes.EvaluationFailed:
                _router.Route(Outcome.Parse(item));
                return;
            case StreamEventTypes.DeviceReady:
                MarkDevice(Text("serial"), DeviceState.Ready);
                Publish(new LeaseDeviceReady(item.Id, Text("serial")));
                OnDeviceReady(Text("serial"));
                return;
            case StreamEventTypes.DeviceRecovering:
                OnDeviceRecovering(Text("serial"));
                return;
            case StreamEventTypes.DeviceReplaced:
                AddDevice(Text("replacement"), Text("worker"));
                Publish(new LeaseDeviceReplaced(item.Id, Text("serial"), Text("replacement"), Text("worker"), Text("reason")));
                OnDeviceAdded(Text("replacement"));
                return;
            case StreamEventTypes.DeviceFailed:
                MarkDevice(Text("serial"), DeviceState.Failed);
                Publish(new LeaseDeviceFailed(item.Id, Text("serial"), Text("reason")));
                OnDeviceLost(Text("serial"), FailureCategory.Device, $"board {Text("serial")} failed: {Text("reason")}");
                return;
            case StreamEventTypes.ReservationEndingSoon:
                var endsAt = data.GetProperty("expiresAt").GetDateTimeOffset();
                Publish(new LeaseEndingSoon(item.Id, endsAt));
                _extender.EndingSoon();
                return;
            case StreamEventTypes.WorkerDraining:
                Publish(new LeaseWorkerDraining(item.Id, Text("worker"), data.GetProperty("deadline").GetDateTimeOffset()));
                return;
            case StreamEventTypes.ReservationEnded:
                Publish(new LeaseEnded(item.Id, Text("reason"), data.TryGetProperty("detail", out var detail) ? detail.GetString() : null));
                OnEnded(Text("reason"));
                return;
        }
    }
}
