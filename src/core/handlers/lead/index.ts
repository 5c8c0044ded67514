// The lead's toolkit (assess, quadrant, team, mentors, import, export): registerLeadToolkit(engine) wires
// the handlers, the 'assess' dialogue and the 'assess' form onto the engine. Called from src/app/bootstrap.ts.
import type { LingyanEngine } from '../../lingyanEngine';
import { answersAssessment, assessHandler, continueAssessDialog, type AssessDialog } from './assess';
import { assessForm } from './assessForm';
import { exportHandler } from './exportSheet';
import { importHandler } from './importData';
import { mentorsHandler } from './mentors';
import { quadrantHandler } from './quadrant';
import { teamHandler } from './team';

export function registerLeadToolkit(engine: LingyanEngine): LingyanEngine {
  return engine
    .register('assess', assessHandler)
    .register('quadrant', quadrantHandler)
    .register('team', teamHandler)
    .register('mentors', mentorsHandler)
    .register('import', importHandler)
    .register('export', exportHandler)
    .registerDialog('assess', (ctx, dialog, text) => continueAssessDialog(ctx, dialog as AssessDialog, text), { accepts: answersAssessment })
    .registerForm('assess', assessForm);
}

export { assessHandler, answersAssessment, continueAssessDialog, assessForm, exportHandler, importHandler, mentorsHandler, quadrantHandler, teamHandler };
