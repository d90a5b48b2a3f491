using Meshy3D.Contracts;
using Meshy3D.ServiceDefaults.Messaging;

namespace Meshy3D.ServiceDefaults.Tests;

public sealed class OutboxMessageTests
{
    [Fact]
    public void An_event_survives_the_outbox_unchanged()
    {
        var original = new ModelScored(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            [0.1, 0.9, 0, 0, 0, 0, 0, 0, 0, 0], 1.9, 0.3, "v1");

        var message = OutboxMessage.From(original);
        var restored = Assert.IsType<ModelScored>(message.ToEvent());

        Assert.Equal(original.EventId, message.EventId);
        Assert.Equal("Meshy3D.Contracts.ModelScored", message.EventType);
        Assert.Equal(original with { Distribution = restored.Distribution }, restored);
        Assert.Equal(original.Distribution, restored.Distribution);
    }

    [Fact]
    public void An_unknown_event_type_is_an_error_not_a_silent_drop()
    {
        var message = new OutboxMessage { EventType = "Meshy3D.Contracts.NoSuchEvent", Payload = "{}" };
        Assert.Throws<InvalidOperationException>(() => message.ToEvent());
    }
}
