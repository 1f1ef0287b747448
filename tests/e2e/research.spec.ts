/**
 * The research workbench in Chromium over the loopback transport: switch to it from the
 * review (by keyboard too), scan ../shared/data/mitdb, make a custom split on four records
 * (train 101, 106; validation 112; test 119), set up a short training (a few steps of 32
 * beats, at most 150 beats per record), see the curves get points, cancel, resume from the
 * checkpoint and finish, read the result against the previously active model, find the new
 * model in the manager and make it active (the active flag moves), then put the previous
 * model back and delete the new one. Each state is saved under
 * test-results/screenshots/research-*.png.
 */
import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp } from './app';

test.use({ viewport: { width: 1280, height: 800 } });

const MITDB = resolve('../shared/data/mitdb');
/** Training and evaluation share two busy cores with everything else; a slow machine gets room. */
const JOB_MS = 180_000;

/** Where screenshots go: test-results/screenshots, or RA_SCREENSHOT_DIR (a run beside others that wipe test-results). */
const SHOT_DIR = process.env.RA_SCREENSHOT_DIR ?? 'test-results/screenshots';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOT_DIR}/${name}.png` });
}

/** The number of points a chart states it draws. */
async function points(chart: Locator): Promise<number> {
  return Number((await chart.getAttribute('data-points')) ?? 0);
}

async function scanAndSplit(page: Page): Promise<void> {
  await page.getByTestId('research-folder').fill(MITDB);
  await page.getByTestId('research-scan').click();
  await expect(page.getByTestId('research-records').locator('tbody tr')).toHaveCount(48);
  await expect(page.getByTestId('research-scan-meta')).toContainText('MIT-BIH');
  // An MIT-BIH folder starts on the DS1/DS2 preset, whose plan warns about 201 and 202 (one patient).
  await expect(page.getByTestId('plan-warnings')).toContainText('same patient');
  await page.getByTestId('split-custom').check();
  for (const [record, role] of [['101', 'train'], ['106', 'train'], ['112', 'validation'], ['119', 'test']] as const) {
    await page.getByTestId(`role-${record}`).selectOption(role);
  }
  await expect(page.getByTestId('plan-train')).toHaveAttribute('data-records', '2');
  await expect(page.getByTestId('plan-validation')).toHaveAttribute('data-records', '1');
  await expect(page.getByTestId('plan-test')).toHaveAttribute('data-records', '1');
  await expect(page.getByTestId('plan-warnings')).toHaveCount(0);
}

async function setUp(page: Page, name: string): Promise<void> {
  await page.getByTestId('research-tab-setup').click();
  await page.getByTestId('preset-default-model').click();
  await page.getByTestId('train-name').fill(name);
  await page.getByTestId('train-epochs').fill('0');
  await expect(page.locator('#train-epochs-error')).toContainText('between 1 and 1000');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  // Enough epochs that the cancel lands mid-run; each is a few steps. (With 5, a fast run
  // once finished between the third chart point and the click on Cancel.)
  await page.getByTestId('train-epochs').fill('15');
  await page.getByTestId('train-batch').fill('32');
  await page.getByTestId('train-steps').fill('3');
  await page.getByTestId('train-max-beats').fill('150');
  await expect(page.getByTestId('train-start')).toBeEnabled();
}

test.describe('research workbench', () => {
  test.describe.configure({ timeout: 420_000 });

  test('trains on a small custom split, cancels, resumes, and makes the new model active', async ({ page }) => {
    await openApp(page);
    const name = `e2e-${Date.now().toString(36)}`;
    // The review shows the recording opened at start; it is still there after the workbench.
    const recordName = await page.getByTestId('record-name').textContent();
    expect(recordName).toBeTruthy();

    // The switch is a tablist: arrow keys move between the screens.
    await page.getByTestId('screen-review').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('research-view')).toBeVisible();
    await expect(page.getByTestId('screen-research')).toBeFocused();

    await scanAndSplit(page);
    await shot(page, 'research-01-data');
    await setUp(page, name);
    await shot(page, 'research-02-setup');

    // Leaving for the review and coming back keeps the set-up.
    await page.getByTestId('screen-review').click();
    await expect(page.getByTestId('research-view')).toHaveCount(0);
    await page.getByTestId('screen-research').click();
    await expect(page.getByTestId('train-name')).toHaveValue(name);

    await page.getByTestId('research-tab-models').click();
    const activeBefore = await page.locator('[data-testid="model-table"] tbody tr[data-active="true"]').getAttribute('data-model-id');
    expect(activeBefore).toBeTruthy();
    await page.getByTestId('research-tab-setup').click();

    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('research-training')).toBeVisible();
    const progress = page.getByTestId('job-progress');
    await expect(progress).toHaveAttribute('data-status', 'running');
    const loss = page.getByTestId('chart-loss');
    // The curve moves: the running batch mean first, then a validation point per epoch.
    await expect.poll(() => points(loss), { timeout: JOB_MS }).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('job-backend')).not.toHaveText('–');
    await shot(page, 'research-03-live');

    await page.getByTestId('job-cancel').click();
    await expect(progress).toHaveAttribute('data-status', 'cancelled', { timeout: JOB_MS });
    const pointsAtCancel = await points(loss);
    await expect(page.getByTestId('job-resume')).toBeVisible();
    await page.getByTestId('job-resume').click();
    await expect(progress).toHaveAttribute('data-status', 'running');
    await expect(progress).toHaveAttribute('data-status', /completed|early-stopped/, { timeout: JOB_MS });
    await expect(progress).toHaveAttribute('data-phase', 'ended', { timeout: JOB_MS });
    expect(await points(loss)).toBeGreaterThan(pointsAtCancel);
    expect(await points(page.getByTestId('chart-f1'))).toBeGreaterThan(0);

    const result = page.getByTestId('job-result');
    await expect(result.getByTestId('eval-new')).toBeVisible();
    await expect(result.getByTestId('eval-active')).toHaveAttribute('data-model-id', activeBefore ?? '');
    const modelId = (await page.getByTestId('job-model-id').textContent()) ?? '';
    expect(modelId).not.toBe('');
    await shot(page, 'research-04-result');

    // The manager lists the new model; activating it moves the active flag.
    await page.getByTestId('research-tab-models').click();
    const row = page.locator(`[data-testid="model-table"] tbody tr[data-model-id="${modelId}"]`);
    await expect(row).toHaveAttribute('data-active', 'false');
    await row.getByTestId(`activate-${modelId}`).click();
    await expect(row).toHaveAttribute('data-active', 'true');
    await expect(page.locator(`[data-testid="model-table"] tbody tr[data-model-id="${activeBefore}"]`)).toHaveAttribute('data-active', 'false');
    await expect(page.getByTestId('model-active')).toHaveCount(1);
    // Compare the two models class by class.
    await page.getByLabel(`Compare ${name}`).check();
    await page.locator(`[data-testid="model-table"] tbody tr[data-model-id="${activeBefore}"] input[type="checkbox"]`).check();
    await expect(page.getByTestId('model-compare').locator('tbody tr')).not.toHaveCount(0);
    await shot(page, 'research-05-manager');

    // Clean up: the previous model active again, the new one deleted (after the confirmation).
    await page.getByTestId(`activate-${activeBefore}`).click();
    await expect(row).toHaveAttribute('data-active', 'false');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId(`delete-${modelId}`).click();
    await expect(row).toHaveCount(0);

    // The review still works after the workbench.
    await page.getByTestId('screen-review').click();
    await expect(page.getByTestId('research-view')).toHaveCount(0);
    await expect(page.getByTestId('record-name')).toHaveText(recordName ?? '');
    await expect(page.getByTestId('ecg-strip')).toHaveAttribute('data-state', 'ready');
  });
});
