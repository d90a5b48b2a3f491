namespace Meshy3D.Emulators.OpenAI.Model;

public sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    public string Object => "list";
}

public sealed record ModelCard(string Id, long Created, string OwnedBy = "openai")
{
    public string Object => "model";
}
