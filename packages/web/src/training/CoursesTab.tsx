import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import type { QaLibraryEntry, TrainingCourse } from '@banzu/contract';
import { api, refusalText } from '../api/client';
import { useTexts } from './texts';

type Draft = { kind: 'text' | 'link'; title: string; body: string } | { kind: 'library'; title: string; libraryId: string };

function toDraft(course: TrainingCourse | null): Draft[] {
  return (course?.materials ?? []).flatMap((x): Draft[] => {
    if (x.kind !== 'library') return [{ kind: x.kind, title: x.title, body: x.body }];
    return x.library ? [{ kind: 'library', title: x.title, libraryId: x.library.id }] : [];
  });
}

function CourseEditor({ course, onSaved, onCancel }: { course: TrainingCourse | null; onSaved: () => void; onCancel: () => void }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [title, setTitle] = useState(course?.title ?? '');
  const [description, setDescription] = useState(course?.description ?? '');
  const [materials, setMaterials] = useState<Draft[]>(toDraft(course));
  const [library, setLibrary] = useState<QaLibraryEntry[]>([]);
  useEffect(() => void api<QaLibraryEntry[]>('GET', '/api/v1/qa/library').then(setLibrary, () => setLibrary([])), []);
  const change = (i: number, next: Draft) => setMaterials((ms) => ms.map((x, j) => (j === i ? next : x)));
  const save = async () => {
    try {
      const body = { title, description, materials };
      await (course ? api('PUT', `/api/v1/training/courses/${course.id}`, body) : api('POST', '/api/v1/training/courses', body));
      message.success(m.saved);
      onSaved();
    } catch (err) {
      message.error(refusalText(err));
    }
  };
  return (
    <Card size="small" title={course ? course.title : m.newCourse}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input aria-label={m.courseTitle} placeholder={m.courseTitle} value={title} onChange={(e) => setTitle(e.target.value)} />
        <Input.TextArea aria-label={m.description} placeholder={m.description} autoSize value={description} onChange={(e) => setDescription(e.target.value)} />
        {materials.map((x, i) => (
          <Space key={`${String(i)}-${x.kind}`} align="start" wrap>
            <Tag>{x.kind === 'text' ? m.addText : x.kind === 'link' ? m.linkUrl : m.libraryCall}</Tag>
            <Input
              aria-label={`material${i + 1}-title`}
              placeholder={m.materialTitle}
              value={x.title}
              onChange={(e) => change(i, { ...x, title: e.target.value })}
              style={{ width: 200 }}
            />
            {x.kind === 'library' ? (
              <Select
                aria-label={`material${i + 1}-library`}
                style={{ width: 320 }}
                value={x.libraryId || undefined}
                onChange={(libraryId: string) => change(i, { ...x, libraryId })}
                options={library.map((l) => ({ value: l.id, label: `${l.kind === 'good' ? m.good : m.bad} · ${l.category} · ${l.agentName ?? l.callId}` }))}
              />
            ) : x.kind === 'link' ? (
              <Input
                aria-label={`material${i + 1}-body`}
                placeholder="https://"
                value={x.body}
                onChange={(e) => change(i, { ...x, body: e.target.value })}
                style={{ width: 320 }}
              />
            ) : (
              <Input.TextArea
                aria-label={`material${i + 1}-body`}
                placeholder={m.materialBody}
                autoSize
                value={x.body}
                onChange={(e) => change(i, { ...x, body: e.target.value })}
                style={{ width: 320 }}
              />
            )}
            <Button size="small" danger onClick={() => setMaterials((ms) => ms.filter((_, j) => j !== i))}>
              {m.remove}
            </Button>
          </Space>
        ))}
        <Space wrap>
          <Button onClick={() => setMaterials((ms) => [...ms, { kind: 'text', title: '', body: '' }])}>{m.addText}</Button>
          <Button onClick={() => setMaterials((ms) => [...ms, { kind: 'link', title: '', body: '' }])}>{m.addLink}</Button>
          {library.length > 0 && <Button onClick={() => setMaterials((ms) => [...ms, { kind: 'library', title: '', libraryId: '' }])}>{m.addLibrary}</Button>}
          <Button type="primary" onClick={() => void save()}>
            {m.save}
          </Button>
          <Button onClick={onCancel}>{m.cancel}</Button>
        </Space>
      </Space>
    </Card>
  );
}

/** Courses and their materials; trainers write them, with calls of QA's model-call library linked in. */
export function CoursesTab({ canRun }: { canRun: boolean }) {
  const m = useTexts();
  const [courses, setCourses] = useState<TrainingCourse[] | null>(null);
  const [editing, setEditing] = useState<TrainingCourse | 'new' | null>(null);
  const load = useCallback(() => void api<{ items: TrainingCourse[] }>('GET', '/api/v1/training/courses').then((r) => setCourses(r.items)), []);
  useEffect(load, [load]);
  if (editing)
    return (
      <CourseEditor
        course={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          load();
        }}
      />
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canRun && (
        <Button type="primary" onClick={() => setEditing('new')}>
          {m.newCourse}
        </Button>
      )}
      {courses?.length === 0 && <Empty description={m.none} />}
      {courses?.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={c.title}
          extra={
            canRun && (
              <Button size="small" onClick={() => setEditing(c)}>
                {m.edit}
              </Button>
            )
          }
        >
          {c.description && <Typography.Paragraph>{c.description}</Typography.Paragraph>}
          <List
            size="small"
            dataSource={c.materials}
            renderItem={(x) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{x.title}</Typography.Text>
                  {x.kind === 'text' && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{x.body}</Typography.Paragraph>}
                  {x.kind === 'link' && (
                    <a href={x.body} target="_blank" rel="noreferrer">
                      {x.body}
                    </a>
                  )}
                  {x.kind === 'library' &&
                    (x.library ? (
                      <span>
                        <Tag color={x.library.kind === 'good' ? 'green' : 'red'}>{x.library.kind === 'good' ? m.good : m.bad}</Tag>
                        {`${x.library.category} · ${x.library.agentName ?? ''} ${x.library.note}`}
                      </span>
                    ) : (
                      <Typography.Text type="secondary">{m.libraryRemoved}</Typography.Text>
                    ))}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}
