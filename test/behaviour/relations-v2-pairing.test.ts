/**
 * defineRelations() pairing and filters on every target: a relation without from/to mirrors the
 * one on its target that points back under the same alias, inherits that relation's `where`
 * (read on its own parent rows), and a junction may match each side on a different number of
 * columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineRelations } from 'sluice';
import { int, mysqlTable, varchar as mysqlVarchar } from 'sluice/mysql-core';
import { integer, pgTable, serial, text, varchar } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { behaviourTargets, openBehaviourTarget, sqlFor, type BehaviourTarget, type DialectName } from '../support/behaviour.js';
import { relationSchema, type RelationTables } from '../support/relation-schema.js';

function relationsOf({ users, posts, groups, usersToGroups }: RelationTables) {
  return defineRelations({ users, posts, groups, usersToGroups }, (r) => ({
    users: {
      // Pairs with posts.author, the one unaliased relation on posts back to users.
      posts: r.many.posts(),
      postsFiltered: r.many.posts({ from: r.users.id, to: r.posts.authorId, where: { authorId: 2 }, alias: 'author-filtered' }),
      group: r.one.groups({ from: r.users.id.through(r.usersToGroups.userId), to: r.groups.id.through(r.usersToGroups.groupId) }),
      groups: r.many.groups({ from: r.users.id.through(r.usersToGroups.userId), to: r.groups.id.through(r.usersToGroups.groupId), alias: 'direct' }),
      groupsFiltered: r.many.groups({ alias: 'direct-filtered' }),
    },
    groups: {
      // Pairs with users.group only: users.groups and users.groupsFiltered carry aliases.
      user: r.one.users(),
      users: r.many.users({ alias: 'direct' }),
      usersFiltered: r.many.users({
        from: r.groups.id.through(r.usersToGroups.groupId),
        to: r.users.id.through(r.usersToGroups.userId),
        where: { id: { gte: 2 } },
        alias: 'direct-filtered',
      }),
    },
    posts: {
      author: r.one.users({ from: r.posts.authorId, to: r.users.id }),
      authorFiltered: r.one.users({ optional: false, alias: 'author-filtered' }),
    },
  }));
}

/** Students take course offerings, keyed by course and semester, through their grades. */
function gradeTables(dialect: DialectName) {
  const pgTables = () => ({
    students: pgTable('students', { studentId: serial('student_id').primaryKey(), name: text('name').notNull() }),
    courseOfferings: pgTable('course_offerings', { courseId: integer('course_id').notNull(), semester: varchar('semester', { length: 10 }).notNull() }),
    studentGrades: pgTable('student_grades', {
      studentId: integer('student_id').notNull(),
      courseId: integer('course_id').notNull(),
      semester: varchar('semester', { length: 10 }).notNull(),
      grade: text('grade'),
    }),
  });
  // As in the behaviour suite, every dialect's tables are held under PostgreSQL's static type.
  type Tables = ReturnType<typeof pgTables>;
  if (dialect === 'pg') return pgTables();
  if (dialect === 'sqlite') {
    return {
      students: sqliteTable('students', { studentId: sqliteInteger('student_id').primaryKey(), name: sqliteText('name').notNull() }),
      courseOfferings: sqliteTable('course_offerings', { courseId: sqliteInteger('course_id').notNull(), semester: sqliteText('semester').notNull() }),
      studentGrades: sqliteTable('student_grades', {
        studentId: sqliteInteger('student_id').notNull(),
        courseId: sqliteInteger('course_id').notNull(),
        semester: sqliteText('semester').notNull(),
        grade: sqliteText('grade'),
      }),
    } as unknown as Tables;
  }
  return {
    students: mysqlTable('students', { studentId: int('student_id').primaryKey(), name: mysqlVarchar('name', { length: 50 }).notNull() }),
    courseOfferings: mysqlTable('course_offerings', { courseId: int('course_id').notNull(), semester: mysqlVarchar('semester', { length: 10 }).notNull() }),
    studentGrades: mysqlTable('student_grades', {
      studentId: int('student_id').notNull(),
      courseId: int('course_id').notNull(),
      semester: mysqlVarchar('semester', { length: 10 }).notNull(),
      grade: mysqlVarchar('grade', { length: 2 }),
    }),
  } as unknown as Tables;
}

const GRADES_DDL = `
create table students (student_id integer primary key, name varchar(50) not null);
create table course_offerings (course_id integer not null, semester varchar(10) not null);
create table student_grades (student_id integer not null, course_id integer not null, semester varchar(10) not null, grade varchar(2));
insert into students values (1, 'Ann'), (2, 'Bob'), (3, 'Cy');
insert into course_offerings values (10, '2024a'), (10, '2024b'), (20, '2024a');
insert into student_grades values (1, 10, '2024a', 'A'), (1, 20, '2024a', 'B'), (2, 10, '2024b', 'C');
`;

function gradeRelations(dialect: DialectName) {
  const { students, courseOfferings, studentGrades } = gradeTables(dialect);
  return defineRelations({ students, courseOfferings, studentGrades }, (r) => ({
    students: {
      // One student id against a course id and a semester: each side is matched on its own columns.
      courseOfferings: r.many.courseOfferings({
        from: r.students.studentId.through(r.studentGrades.studentId),
        to: [r.courseOfferings.courseId.through(r.studentGrades.courseId), r.courseOfferings.semester.through(r.studentGrades.semester)],
      }),
    },
    courseOfferings: { students: r.many.students() },
  }));
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`defineRelations pairing and inherited filters on ${name}`, () => {
    const { tables, ddl } = relationSchema(dialect);
    const S = (pgText: string) => sqlFor(dialect, pgText);
    let target: BehaviourTarget;
    let db: Awaited<ReturnType<typeof open>>;
    let grades: Awaited<ReturnType<typeof openGrades>>;
    const open = () => target.open({ relations: relationsOf(tables) });
    const openGrades = () => target.open({ relations: gradeRelations(dialect) });

    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(ddl);
      await target.exec(GRADES_DDL);
      db = await open();
      grades = await openGrades();
    });
    afterAll(() => target.close());

    it('pairs an unaliased relation with the unaliased one pointing back, aliased ones by alias', async () => {
      expect(await db.query.groups.findFirst({ columns: { name: true }, where: { id: 1 }, with: { user: { columns: { name: true } } } })).toEqual({ name: 'admins', user: { name: 'Ann' } });
      expect(await db.query.groups.findMany({ columns: { name: true }, orderBy: { id: 'asc' }, with: { users: { columns: { name: true }, orderBy: { id: 'asc' } } } })).toEqual([
        { name: 'admins', users: [{ name: 'Ann' }] },
        { name: 'users', users: [{ name: 'Ann' }, { name: 'Bob' }] },
      ]);
      expect(await db.query.users.findMany({ columns: { name: true }, orderBy: { id: 'asc' }, with: { posts: { columns: { title: true }, orderBy: { id: 'asc' } } } })).toEqual([
        { name: 'Ann', posts: [{ title: 'p1' }, { title: 'p2' }] },
        { name: 'Bob', posts: [{ title: 'p3' }] },
        { name: 'Cy', posts: [] },
      ]);
    });

    it("a mirrored one-relation inherits its partner's where, read on its own parent row", async () => {
      const query = db.query.posts.findMany({ columns: { title: true }, orderBy: { id: 'asc' }, with: { authorFiltered: { columns: { name: true } } } });
      // The filter was written on users.postsFiltered against posts: here posts are the parent.
      expect(query.toSQL().sql).toContain(S('"posts0"."author_id" = $1'));
      expect(await query).toEqual([
        { title: 'p1', authorFiltered: null },
        { title: 'p2', authorFiltered: null },
        { title: 'p3', authorFiltered: { name: 'Bob' } },
      ]);
      // The partner applies the same filter to its own target.
      expect(await db.query.users.findMany({ columns: { name: true }, orderBy: { id: 'asc' }, with: { postsFiltered: { columns: { title: true } } } })).toEqual([
        { name: 'Ann', postsFiltered: [] },
        { name: 'Bob', postsFiltered: [{ title: 'p3' }] },
        { name: 'Cy', postsFiltered: [] },
      ]);
    });

    it("a mirrored relation through a junction inherits its partner's where on the parent row", async () => {
      const query = db.query.users.findMany({ columns: { name: true }, orderBy: { id: 'asc' }, with: { groupsFiltered: { columns: { name: true }, orderBy: { id: 'asc' } } } });
      expect(query.toSQL().sql).toContain(S('"users0"."id" >= $1'));
      // Ann is in both groups, but the filter (users.id >= 2) reads her own row.
      expect(await query).toEqual([
        { name: 'Ann', groupsFiltered: [] },
        { name: 'Bob', groupsFiltered: [{ name: 'users' }] },
        { name: 'Cy', groupsFiltered: [] },
      ]);
      expect(await db.query.groups.findMany({ columns: { name: true }, orderBy: { id: 'asc' }, with: { usersFiltered: { columns: { name: true } } } })).toEqual([
        { name: 'admins', usersFiltered: [] },
        { name: 'users', usersFiltered: [{ name: 'Bob' }] },
      ]);
    });

    it("a relation filter applies the relation's own where, and an inherited one on the row filtered", async () => {
      expect(await db.query.users.findMany({ columns: { name: true }, where: { postsFiltered: true } })).toEqual([{ name: 'Bob' }]);
      expect(await db.query.posts.findMany({ columns: { title: true }, where: { authorFiltered: true } })).toEqual([{ title: 'p3' }]);
      expect(await db.query.users.findMany({ columns: { name: true }, orderBy: { id: 'asc' }, where: { groupsFiltered: true } })).toEqual([{ name: 'Bob' }]);
    });

    it('matches a junction on one column on one side and two on the other', async () => {
      const rows = await grades.query.students.findMany({
        columns: { name: true },
        orderBy: { studentId: 'asc' },
        with: { courseOfferings: { orderBy: { courseId: 'asc', semester: 'asc' } } },
      });
      expect(rows).toEqual([
        {
          name: 'Ann',
          courseOfferings: [
            { courseId: 10, semester: '2024a' },
            { courseId: 20, semester: '2024a' },
          ],
        },
        { name: 'Bob', courseOfferings: [{ courseId: 10, semester: '2024b' }] },
        { name: 'Cy', courseOfferings: [] },
      ]);
      // The mirror matches two columns on its own side and one on the students'.
      const back = await grades.query.courseOfferings.findMany({ orderBy: { courseId: 'asc', semester: 'asc' }, with: { students: { columns: { name: true } } } });
      expect(back).toEqual([
        { courseId: 10, semester: '2024a', students: [{ name: 'Ann' }] },
        { courseId: 10, semester: '2024b', students: [{ name: 'Bob' }] },
        { courseId: 20, semester: '2024a', students: [{ name: 'Ann' }] },
      ]);
      // Under a root limit the relation is read per row, with the same result.
      expect(await grades.query.students.findFirst({ columns: { name: true }, where: { studentId: 2 }, with: { courseOfferings: true } })).toEqual({
        name: 'Bob',
        courseOfferings: [{ courseId: 10, semester: '2024b' }],
      });
    });
  });
}

describe('defineRelations pairing errors', () => {
  const { tables } = relationSchema('pg');
  const { users, posts } = tables;
  // Relations are resolved when db.query is first read.
  const resolve = (rels: ReturnType<typeof defineRelations>) => () => Object.keys(pglite({ relations: rels }).query);

  it('refuses a mirror with two unaliased candidates, or none', () => {
    const ambiguous = defineRelations({ users, posts }, (r) => ({
      users: { posts: r.many.posts() },
      posts: {
        author: r.one.users({ from: r.posts.authorId, to: r.users.id }),
        reviewer: r.one.users({ from: r.posts.reviewerId, to: r.users.id }),
      },
    }));
    expect(resolve(ambiguous)).toThrow('relation "users.posts": several relations on "posts" point at "users" without an alias (author, reviewer); disambiguate with alias');
    const missing = defineRelations({ users, posts }, (r) => ({
      users: { posts: r.many.posts({ alias: 'written' }) },
      posts: { author: r.one.users({ from: r.posts.authorId, to: r.users.id }) },
    }));
    expect(resolve(missing)).toThrow('relation "users.posts": give from/to, or declare a relation on "posts" back to "users" with alias "written" that gives them');
  });

  it('refuses uneven column counts without a junction', () => {
    const uneven = defineRelations({ users, posts }, (r) => ({
      users: { posts: r.many.posts({ from: r.users.id, to: [r.posts.authorId, r.posts.reviewerId] }) },
    }));
    expect(resolve(uneven)).toThrow('relation "users.posts": from and to must list the same number of columns');
  });
});
