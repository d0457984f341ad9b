namespace FunctionsFlow.Workflows.Tests.Definitions;

/// <summary>Definitions the tests share: the expense-approval sample of the API contract, in YAML and in JSON.</summary>
internal static class Samples
{
    public const string ExpenseApprovalYaml = """
        id: expense-approval
        name: Expense approval
        input:
          schema: {type: object, required: [amount], properties: {amount: {type: number}}}
        steps:
          - id: classify
            set: {needsApproval: "${ input.amount > 100 }"}
          - id: decide
            if: "${ vars.needsApproval }"
            then:
              - id: approval
                waitForInput:
                  name: manager-approval
                  timeout: P3D
                  schema: {type: object, required: [approved], properties: {approved: {type: boolean}}}
                onTimeout: [{id: autoReject, set: {approved: false}}]
            else:
              - {id: autoApprove, set: {approved: true}}
          - id: notify
            http: {method: POST, url: "${ vars.webhookUrl }", connection: slack, body: {text: "approved=${ vars.approved }"}}
            retry: {maxAttempts: 5, backoff: exponential, initialDelay: PT1S, maxDelay: PT1M}
            onError: {strategy: useDefault, value: {ok: false}}
          - {id: cool-off, delay: PT10M}
          - {id: done, return: {approved: "${ vars.approved }"}}
        """;

    public const string ExpenseApprovalJson = """
        {
          "id": "expense-approval",
          "name": "Expense approval",
          "input": {
            "schema": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}}
          },
          "steps": [
            {"id": "classify", "set": {"needsApproval": "${ input.amount > 100 }"}},
            {
              "id": "decide",
              "if": "${ vars.needsApproval }",
              "then": [
                {
                  "id": "approval",
                  "waitForInput": {
                    "name": "manager-approval",
                    "timeout": "P3D",
                    "schema": {"type": "object", "required": ["approved"], "properties": {"approved": {"type": "boolean"}}}
                  },
                  "onTimeout": [{"id": "autoReject", "set": {"approved": false}}]
                }
              ],
              "else": [{"id": "autoApprove", "set": {"approved": true}}]
            },
            {
              "id": "notify",
              "http": {"method": "POST", "url": "${ vars.webhookUrl }", "connection": "slack", "body": {"text": "approved=${ vars.approved }"}},
              "retry": {"maxAttempts": 5, "backoff": "exponential", "initialDelay": "PT1S", "maxDelay": "PT1M"},
              "onError": {"strategy": "useDefault", "value": {"ok": false}}
            },
            {"id": "cool-off", "delay": "PT10M"},
            {"id": "done", "return": {"approved": "${ vars.approved }"}}
          ]
        }
        """;
}
