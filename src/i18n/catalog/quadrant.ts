// Messages of the quadrant area (zh-CN and en, same keys): quadrant and programme names, an agent's
// own-view phrasings (always encouraging; tail_off reads as "growth focus"), dimension names, chart labels.
import type { Catalog } from './types';

export const quadrantMessages: Catalog = {
  'zh-CN': {
    // Quadrant names as a lead sees them.
    'quadrant.name.lead_goose': '头雁',
    'quadrant.name.soul_forging': '铸魂',
    'quadrant.name.base_strengthening': '强基',
    'quadrant.name.tail_off': '脱尾',
    'quadrant.name.incomplete': '评估待完善',
    'quadrant.program.lead_goose': '头雁工程',
    'quadrant.program.soul_forging': '铸魂工程',
    'quadrant.program.base_strengthening': '强基工程',
    'quadrant.program.tail_off': '脱尾工程',
    // An agent's own view: never discouraging.
    'quadrant.own.name.lead_goose': '标杆领航',
    'quadrant.own.name.soul_forging': '能力突出，持续精进',
    'quadrant.own.name.base_strengthening': '潜力成长',
    'quadrant.own.name.tail_off': '成长聚焦期',
    'quadrant.own.name.incomplete': '评估进行中',
    'quadrant.own.lead_goose':
      '你的业务能力和职业状态都很出色，是团队的标杆！接下来可以把你的经验分享给伙伴，带一带新同事，一起飞得更远。',
    'quadrant.own.soul_forging':
      '你的业务能力很扎实，这是很大的优势。接下来我们一起把热情和认同感再提一提，让好能力发挥出更大的价值。',
    'quadrant.own.base_strengthening':
      '你的态度和干劲非常可贵，这是成长最好的底子！接下来我们会安排训练和师傅带教，帮你把专业能力快速提上来。',
    'quadrant.own.tail_off':
      '现在是你的成长聚焦期：我们一起找出最想突破的一两个点，主管会和你一对一聊聊，制定看得见的小目标，每一步进步都算数。',
    'quadrant.own.incomplete':
      '你的能力画像还差几项评估。完成自评（每项只需几秒），就能看到你的优势和下一步建议。',
    'quadrant.own.strongest': '你最突出的一项：{dimension}',
    'quadrant.own.weakest': '最值得投入的一项：{dimension}',
    'quadrant.own.blind_spot_higher': '「{dimension}」上你的自评比主管的评价高一些，可以请主管举个具体例子聊聊。',
    'quadrant.own.blind_spot_lower': '「{dimension}」上主管对你的评价比你自评更高，你做得比你想的更好！',
    // Dimension names.
    'quadrant.dim.professional_knowledge': '专业知识',
    'quadrant.dim.general_knowledge': '通用知识',
    'quadrant.dim.answering_skills': '应答技巧',
    'quadrant.dim.tool_use': '工具使用',
    'quadrant.dim.occupational_identity': '职业认同',
    'quadrant.dim.work_enthusiasm': '工作热情',
    'quadrant.dim.work_attitude': '工作态度',
    'quadrant.dim.work_style': '工作作风',
    'quadrant.dim.corporate_values': '企业价值观',
    'quadrant.dim.service_philosophy': '服务理念',
    'quadrant.dim.logical_thinking': '逻辑思维',
    'quadrant.dim.learning_ability': '学习能力',
    'quadrant.axis.ability': '能力',
    'quadrant.axis.cognition': '认知',
    // Mentor pairs, as a lead sees them.
    'quadrant.mentor.reason': '{mentor} 擅长「{dimension}」，这正是 {apprentice} 最需要提升的地方',
    'quadrant.mentor.unpaired': '暂无可带教的师傅：{names}',
    // Errors.
    'quadrant.error.score_out_of_range': '「{dimension}」的分数 {score} 不在 1–5 之间',
    'quadrant.error.capacity': '每位师傅带教人数需为正整数（收到 {capacity}）',
    // Charts.
    'chart.quadrant.title': '团队能力象限',
    'chart.quadrant.x': '能力（冰山上）',
    'chart.quadrant.y': '认知（冰山下）',
    'chart.pace.title': '本月业绩进度',
    'chart.pace.x': '工作日',
    'chart.pace.actual': '实际',
    'chart.pace.target': '目标',
  },
  en: {
    'quadrant.name.lead_goose': 'Lead goose',
    'quadrant.name.soul_forging': 'Soul forging',
    'quadrant.name.base_strengthening': 'Base strengthening',
    'quadrant.name.tail_off': 'Tail-off',
    'quadrant.name.incomplete': 'Assessment incomplete',
    'quadrant.program.lead_goose': 'Lead Goose programme',
    'quadrant.program.soul_forging': 'Soul Forging programme',
    'quadrant.program.base_strengthening': 'Base Strengthening programme',
    'quadrant.program.tail_off': 'Tail-off programme',
    'quadrant.own.name.lead_goose': 'Role model',
    'quadrant.own.name.soul_forging': 'Strong skills, growing further',
    'quadrant.own.name.base_strengthening': 'Rising potential',
    'quadrant.own.name.tail_off': 'Growth focus',
    'quadrant.own.name.incomplete': 'Assessment in progress',
    'quadrant.own.lead_goose':
      'Your skills and your drive are both excellent — you set the standard for the team! A great next step is sharing what works for you and helping a newer colleague find their feet.',
    'quadrant.own.soul_forging':
      'Your skills are solid, and that is a real strength. Next, let’s work together on energy and sense of purpose so those skills make an even bigger difference.',
    'quadrant.own.base_strengthening':
      'Your attitude and drive are a great foundation for growth! We will set you up with practice and a mentor so your product and call skills catch up fast.',
    'quadrant.own.tail_off':
      'You are in a growth-focus phase: together we will pick one or two things you most want to improve, your lead will sit down with you one-to-one, and we will set small, visible goals — every step forward counts.',
    'quadrant.own.incomplete':
      'Your profile still needs a few ratings. Finish your self-assessment (a few seconds per item) to see your strengths and next steps.',
    'quadrant.own.strongest': 'Your standout strength: {dimension}',
    'quadrant.own.weakest': 'Where effort pays off most: {dimension}',
    'quadrant.own.blind_spot_higher': 'On {dimension} you rate yourself a bit higher than your lead does — ask them for a concrete example to talk through.',
    'quadrant.own.blind_spot_lower': 'On {dimension} your lead rates you higher than you rate yourself — you are doing better than you think!',
    'quadrant.dim.professional_knowledge': 'Professional knowledge',
    'quadrant.dim.general_knowledge': 'General knowledge',
    'quadrant.dim.answering_skills': 'Answering skills',
    'quadrant.dim.tool_use': 'Tool use',
    'quadrant.dim.occupational_identity': 'Occupational identity',
    'quadrant.dim.work_enthusiasm': 'Work enthusiasm',
    'quadrant.dim.work_attitude': 'Work attitude',
    'quadrant.dim.work_style': 'Work style',
    'quadrant.dim.corporate_values': 'Corporate values',
    'quadrant.dim.service_philosophy': 'Service philosophy',
    'quadrant.dim.logical_thinking': 'Logical thinking',
    'quadrant.dim.learning_ability': 'Learning ability',
    'quadrant.axis.ability': 'Ability',
    'quadrant.axis.cognition': 'Cognition',
    'quadrant.mentor.reason': '{mentor} is strong in {dimension}, where {apprentice} has the most room to grow',
    'quadrant.mentor.unpaired': 'No mentor available yet for: {names}',
    'quadrant.error.score_out_of_range': 'The score {score} for {dimension} is not between 1 and 5',
    'quadrant.error.capacity': 'Apprentices per mentor must be a whole number of at least 1 (got {capacity})',
    'chart.quadrant.title': 'Team competency quadrants',
    'chart.quadrant.x': 'Ability (above the waterline)',
    'chart.quadrant.y': 'Cognition (below the waterline)',
    'chart.pace.title': 'Month-to-date pace',
    'chart.pace.x': 'Working day',
    'chart.pace.actual': 'Actual',
    'chart.pace.target': 'Target',
  },
};
