// Times the course content pipeline on the shipped courses: loading + validating content/courses,
// rendering a lesson, grading a quiz, diffing two versions of a lesson, zip export → import.
// Run: npm run bench:courses
import { loadCoursesFromDir } from '../src/lib/server/content/courses';
import { renderMarkdown } from '../src/lib/server/content/markdown';
import { exportCourseZip, importCourseZip } from '../src/lib/server/content/course-zip';
import { gradeQuiz } from '../src/lib/domain/quiz-grader';
import { diffLines } from '../src/lib/domain/line-diff';

function time(label: string, runs: number, fn: () => unknown) {
	for (let i = 0; i < Math.min(20, runs); i++) fn();
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		fn();
		ms.push(performance.now() - start);
	}
	ms.sort((a, b) => a - b);
	const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))].toFixed(3);
	console.log(`${label.padEnd(46)} median ${pct(0.5)} ms   p95 ${pct(0.95)} ms   (${runs} runs)`);
}

const courses = loadCoursesFromDir('content/courses');
const lessons = courses.flatMap((c) => c.lessons);
const longest = lessons.reduce((a, b) => (b.body.length > a.body.length ? b : a));
const quiz = lessons.find((l) => l.quizzes.length)!.quizzes[0];
const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, q.type === 'ordering' ? q.items : q.answer]));
const edited = longest.body.replace(/\. /g, '.\n').replace(/the /g, 'a ');
const course = courses[0];
const zip = exportCourseZip(course.folder, course.files);

console.log(`${courses.length} courses, ${lessons.length} lessons, ${lessons.flatMap((l) => l.quizzes.flatMap((q) => q.questions)).length} quiz questions`);
time('load + validate content/courses (all)', 50, () => loadCoursesFromDir('content/courses'));
time(`render longest lesson (${longest.body.length} chars)`, 200, () => renderMarkdown(longest.body));
time(`grade a quiz (${quiz.questions.length} questions)`, 5000, () => gradeQuiz(quiz.questions, answers, 80));
time(`line diff of an edited lesson (${longest.body.split('\n').length}→${edited.split('\n').length} lines)`, 200, () => diffLines(longest.body, edited));
time(`zip export of a course (${zip.byteLength} bytes)`, 200, () => exportCourseZip(course.folder, course.files));
time('zip import of the same course', 200, () => importCourseZip(zip));
