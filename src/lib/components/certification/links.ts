// Where certification screens link to in the rest of the app (one place to change if routes move).
export const certificationLinks = {
	course: (slug: string) => `/courses/${encodeURIComponent(slug)}`,
	practiseCalls: '/calls',
	call: (id: string) => `/calls/${encodeURIComponent(id)}/result`,
	verify: (code: string) => `/verify/${code}`,
	certificatePdf: (code: string) => `/verify/${code}/pdf`,
	programme: (slug: string) => `/#programme-${slug}`,
	traineeReport: (userId: number) => `/trainer/trainees/${userId}/report`,
	traineeReportPdf: (userId: number) => `/trainer/trainees/${userId}/report/pdf`
};
