/** What the knowledge base (问题库) answers, in both languages (part of the catalogue, server/http/messages). */
export const kbMessages = {
  'kb.not_found': { zh: '知识库文章 {id} 不存在', en: 'knowledge base article {id} not found' },
  // An article.
  'kb.label_required': { zh: '标签和产品不能为空', en: 'a tag or product cannot be empty' },
  'kb.label_long': { zh: '标签和产品每个最多 {maximum} 字', en: 'a tag or product has at most {maximum} characters' },
  'kb.title_required': { zh: '请填写标题', en: 'a title is required' },
  'kb.title_long': { zh: '标题最多 {maximum} 字', en: 'a title has at most {maximum} characters' },
  'kb.body_long': { zh: '正文最多 {maximum} 字', en: 'the text has at most {maximum} characters' },
  'kb.category_long': { zh: '分类最多 {maximum} 字', en: 'a category has at most {maximum} characters' },
  'kb.tags_many': { zh: '标签最多 {maximum} 个', en: 'at most {maximum} tags' },
  'kb.queues_many': { zh: '适用队列最多 {maximum} 个', en: 'at most {maximum} queues' },
  'kb.products_many': { zh: '适用产品最多 {maximum} 个', en: 'at most {maximum} products' },
  'kb.valid_from': { zh: '生效日期格式应为 YYYY-MM-DD', en: 'the first valid day is written YYYY-MM-DD' },
  'kb.valid_to': { zh: '失效日期格式应为 YYYY-MM-DD', en: 'the last valid day is written YYYY-MM-DD' },
  'kb.valid_reversed': { zh: '有效期的结束日期早于开始日期', en: 'the article stops being valid before it starts' },
  'kb.editors_only': { zh: '只有班组长、培训师和管理人员可以修改知识库文章', en: 'only team leaders, trainers and managers may change an article' },
  'kb.already_published': { zh: '文章已发布', en: 'the article is published already' },
  'kb.already_archived': { zh: '文章已归档', en: 'the article is archived already' },
  // Search, the list, usage.
  'kb.query_required': { zh: '请输入要搜索的内容', en: 'enter what to search for' },
  'kb.query_long': { zh: '搜索内容最多 {maximum} 字', en: 'a search has at most {maximum} characters' },
  'kb.status': { zh: '状态应为 {values} 之一', en: 'the status is one of {values}' },
  'kb.usage_kind': { zh: '用途应为 opened（打开）或 helpful（有帮助）', en: 'the use is opened or helpful' },
};
