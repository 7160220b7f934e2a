using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>Compares our JSON view with a message parsed by Google.Protobuf, field by field, through its descriptors.</summary>
public static class OracleJson
{
    public static void AssertSame(JsonElement json, IMessage oracle, string path = "$")
    {
        json.ValueKind.Should().Be(JsonValueKind.Object, path);
        var expectedNames = new HashSet<string>();
        foreach (FieldDescriptor field in oracle.Descriptor.Fields.InDeclarationOrder())
        {
            object value = field.Accessor.GetValue(oracle);
            string at = $"{path}.{field.Name}";
            if (field.IsRepeated)
            {
                var list = ((System.Collections.IList)value).Cast<IMessage>().ToList();
                if (list.Count == 0)
                {
                    continue;
                }

                expectedNames.Add(field.Name);
                JsonElement array = json.GetProperty(field.Name);
                array.GetArrayLength().Should().Be(list.Count, at);
                for (int i = 0; i < list.Count; i++)
                {
                    AssertSame(array[i], list[i], $"{at}[{i}]");
                }

                continue;
            }

            if (field.FieldType == FieldType.Message)
            {
                if (value is null)
                {
                    continue;
                }

                expectedNames.Add(field.Name);
                AssertSame(json.GetProperty(field.Name), (IMessage)value, at);
                continue;
            }

            // proto3 writes no default scalar: present on the wire exactly when not default.
            bool isDefault = value switch
            {
                string s => s.Length == 0,
                long l => l == 0,
                int i => i == 0,
                bool b => !b,
                _ => throw new InvalidOperationException($"{at}: unexpected {value.GetType()}"),
            };
            if (isDefault)
            {
                continue;
            }

            expectedNames.Add(field.Name);
            JsonElement element = json.GetProperty(field.Name);
            switch (value)
            {
                case string s: element.GetString().Should().Be(s, at); break;
                case long l: element.GetInt64().Should().Be(l, at); break;
                case int i: element.GetInt32().Should().Be(i, at); break;
                case bool b: element.GetBoolean().Should().Be(b, at); break;
            }
        }

        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(expectedNames, path);
    }
}
