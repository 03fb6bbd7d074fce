import type { Random } from '@banzu/core';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '秀英',
  '晓东',
  '婷',
  '雪',
  '颖',
  '浩',
  '宇',
  '欣',
  '悦',
  '佳怡',
  '子涵',
  '思远',
  '志强',
  '海燕',
  '建华',
  '晓燕',
  '文博',
  '雨桐',
  '俊杰',
  '梓萱',
  '一鸣',
  '家豪',
  '嘉欣',
  '诗琪',
  '天宇',
  '晨曦',
  '梦瑶',
  '振国',
  '丽华',
  '春梅',
];

/** Distinct, plausible Chinese names, the same ones for the same random sequence. */
export function chineseNames(count: number, random: Random): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    names.add(`${surnames[random.int(surnames.length)]}${givenNames[random.int(givenNames.length)]}`);
  }
  return [...names];
}
