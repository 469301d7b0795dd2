import { safeDocsUrl, templatePath } from './templatePath';

describe('templatePath', () => {
  it('links a template ref to its scaffolder page', () => {
    expect(templatePath('template:default/add-rollout')).toBe(
      '/create/templates/default/add-rollout',
    );
    expect(templatePath('Template:platform/new-service')).toBe(
      '/create/templates/platform/new-service',
    );
    expect(templatePath('add-rollout')).toBe(
      '/create/templates/default/add-rollout',
    );
  });

  it('refuses refs that are not templates or not refs', () => {
    expect(templatePath(undefined)).toBeUndefined();
    expect(templatePath('component:default/checkout')).toBeUndefined();
    expect(templatePath('template:')).toBeUndefined();
  });
});

describe('safeDocsUrl', () => {
  it('keeps http(s) links only', () => {
    expect(safeDocsUrl('https://argo-rollouts.readthedocs.io/')).toBe(
      'https://argo-rollouts.readthedocs.io/',
    );
    // A link that would run script in the portal's origin is dropped.
    expect(safeDocsUrl(['javascript', 'alert(1)'].join(':'))).toBeUndefined();
    expect(safeDocsUrl('data:text/html,hi')).toBeUndefined();
    expect(safeDocsUrl('not a url')).toBeUndefined();
    expect(safeDocsUrl(undefined)).toBeUndefined();
  });
});
