metadata description = 'Log Analytics workspace and a workspace-based Application Insights component with local (instrumentation key) auth disabled: telemetry is accepted only from Entra ID identities.'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags object = {}

@description('Email address told when the Durable engine leaves an instance stuck (see heldSessionAlert). Empty: the alert fires in the portal only.')
param opsAlertEmail string = ''

@description('Days to keep logs in the workspace.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    retentionInDays: retentionInDays
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

resource opsActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(opsAlertEmail)) {
  name: 'ag-${applicationInsightsName}-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'om-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: opsAlertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// DurableTask.AzureStorage keeps an instance's session held, and the instance stuck until the host restarts, when a
// fetch fails while abandoning an out-of-order message (docs/reliability.md, "A stuck instance"). The Functions host
// logs that failure (event 115) with the instance id and the stack; a restart of the app releases the instance.
resource heldSessionAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${applicationInsightsName}-held-session'
  location: location
  tags: tags
  properties: {
    displayName: 'Durable engine left an orchestration instance stuck'
    description: 'An OrchestrationProcessingFailure from LockNextTaskOrchestrationWorkItemAsync while abandoning messages: the instance named in the trace takes no more events until the function app restarts. Restart the app (docs/reliability.md, "A stuck instance").'
    severity: 1
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'traces | where message has "An unexpected failure occurred while processing instance" and message has "LockNextTaskOrchestrationWorkItemAsync" and message has "AbandonMessagesAsync" | extend instanceId = extract("processing instance \'([^\']+)\'", 1, message) | project timestamp, instanceId'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'instanceId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(opsAlertEmail) ? [] : [
        opsActionGroup.id
      ]
    }
  }
}

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('Resource ID of the Application Insights component.')
output applicationInsightsId string = applicationInsights.id

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = logAnalytics.name
