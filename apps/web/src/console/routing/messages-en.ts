/** English words of the routing-model page. */
export const routingEn = {
  title: 'Routing model',
  intro:
    'A model trained on the cases staff labelled suggests the first-level category and the department of new cases. While no model is active, suggestions come from keywords of the category names.',
  notReady:
    'Training cannot run yet: {{labelled}} labelled cases in {{categories}} first-level categories; it needs {{minLabelled}} in at least 2 first-level categories ({{minPerCategory}} or more each). Choose a category when handling cases.',
  ready:
    'Training can run: {{labelled}} labelled cases in {{categories}} first-level categories. A new model activates itself only when it covers at least {{minCovered}} of the {{totalCategories}} first-level categories and beats the keyword suggestions.',
  train: 'Train a new model',
  force: 'Activate even if it falls short',
  queued: 'Training has been queued; the model appears in the list below when it is done.',
  history: 'Models',
  empty: 'No model trained yet',
  createdAt: 'Trained',
  status: 'Status',
  active: 'Active',
  inactive: 'Not active',
  macroF1: 'Quality (macro-F1)',
  fallback: 'Keyword suggestions (macro-F1)',
  covered: 'First-level categories',
  labelled: 'Labelled cases',
  outcome: 'Outcome',
  reasons: {
    first_model: 'First model, better than the keyword suggestions: activated',
    better: 'No worse than the active model: activated',
    worse_than_active: 'Worse than the active model: not activated',
    worse_than_fallback: 'Not better than the keyword suggestions: not activated',
    few_categories: 'Covers only {{covered}} first-level categories ({{need}} needed): not activated',
    forced: 'Fell short; activated by an admin',
  },
};
