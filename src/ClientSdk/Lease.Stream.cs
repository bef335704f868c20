using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Client.Internal;
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
                Dispatch(item);
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

    /// <summary>Reads the event as its <c>Contracts/Http</c> record and acts on it when it is about this reservation (the stream carries all the client's).</summary>
    private void Dispatch(FarmEvent item)
    {
        if (item.Data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var json = FarmJsonContext.Default;
        switch (item.Type)
        {
            case StreamEventTypes.Result when Read(item, json.ResultEvent, static e => e.ReservationId) is { } result:
                _router.Route(Outcome.Of(result));
                return;
            case StreamEventTypes.EvaluationFailed when Read(item, json.EvaluationFailedEvent, static e => e.ReservationId) is { } failed:
                _router.Route(Outcome.Of(failed));
                return;
            case StreamEventTypes.DeviceReady when Read(item, json.DeviceReadyEvent, static e => e.ReservationId) is { } ready:
                MarkDevice(ready.Serial ?? "", DeviceState.Ready);
                Publish(new LeaseDeviceReady(item.Id, ready.Serial ?? ""));
                OnDeviceReady(ready.Serial ?? "");
                return;
            case StreamEventTypes.DeviceRecovering when Read(item, json.DeviceRecoveringEvent, static e => e.ReservationId) is { } recovering:
                OnDeviceRecovering(recovering.Serial ?? "");
                return;
            case StreamEventTypes.DeviceReplaced when Read(item, json.DeviceReplacedEvent, static e => e.ReservationId) is { } replaced:
                AddDevice(replaced.Replacement ?? "", replaced.Worker ?? "");
                Publish(new LeaseDeviceReplaced(item.Id, replaced.Serial ?? "", replaced.Replacement ?? "", replaced.Worker ?? "", replaced.Reason ?? ""));
                OnDeviceAdded(replaced.Replacement ?? "");
                return;
            case StreamEventTypes.DeviceFailed when Read(item, json.DeviceFailedEvent, static e => e.ReservationId) is { } lost:
                MarkDevice(lost.Serial ?? "", DeviceState.Failed);
                Publish(new LeaseDeviceFailed(item.Id, lost.Serial ?? "", lost.Reason ?? ""));
                OnDeviceLost(lost.Serial ?? "", FailureCategory.Device, $"board {lost.Serial} failed: {lost.Reason}");
                return;
            case StreamEventTypes.ReservationEndingSoon when Read(item, json.ReservationEndingSoonEvent, static e => e.ReservationId) is { } endingSoon:
                Publish(new LeaseEndingSoon(item.Id, endingSoon.ExpiresAt));
                _extender.EndingSoon();
                return;
            case StreamEventTypes.WorkerDraining when Read(item, json.WorkerDrainingEvent, static e => e.ReservationId) is { } draining:
                Publish(new LeaseWorkerDraining(item.Id, draining.Worker ?? "", draining.Deadline));
                return;
            case StreamEventTypes.ReservationEnded when Read(item, json.ReservationEndedEvent, static e => e.ReservationId) is { } ended:
                Publish(new LeaseEnded(item.Id, ended.Reason ?? "", ended.Detail));
                OnEnded(ended.Reason ?? "");
                return;
        }
    }

    /// <summary>The event's record when it is about this reservation; null when it is another reservation's.</summary>
    private T? Read<T>(FarmEvent item, JsonTypeInfo<T> type, Func<T, Guid> reservationOf) where T : class =>
        item.Data.Deserialize(type) is { } data && reservationOf(data) == Id ? data : null;
}
